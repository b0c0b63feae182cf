#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/curses.h>

// Macros and globals that Swift cannot import (or rejects in Swift 6 mode).
static inline WINDOW *saldo_stdscr(void) { return stdscr; }
static inline int saldo_lines(void) { return LINES; }
static inline int saldo_cols(void) { return COLS; }
static inline int saldo_colors(void) { return COLORS; }
static inline int saldo_attr_bold(void) { return (int)A_BOLD; }
static inline int saldo_attr_reverse(void) { return (int)A_REVERSE; }
static inline int saldo_attr_underline(void) { return (int)A_UNDERLINE; }
static inline int saldo_attr_dim(void) { return (int)A_DIM; }
static inline int saldo_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int saldo_key_f(int n) { return KEY_F(n); }
static inline int saldo_key_code_yes(void) { return KEY_CODE_YES; }
static inline int saldo_err(void) { return ERR; }

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

// Standard streams are globals that Swift 6 rejects as not concurrency-safe.
static inline FILE *saldo_stdout(void) { return stdout; }
static inline FILE *saldo_stdin(void) { return stdin; }

static inline WINDOW *saldo_curscr(void) { return curscr; }
static inline int saldo_color_pairs(void) { return COLOR_PAIRS; }
static inline int saldo_ok(void) { return OK; }
static inline attr_t saldo_a_normal(void) { return A_NORMAL; }
static inline attr_t saldo_a_bold(void) { return A_BOLD; }
static inline attr_t saldo_a_reverse(void) { return A_REVERSE; }
static inline attr_t saldo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t saldo_a_dim(void) { return A_DIM; }

// Mouse masks are built by macros.
static inline mmask_t saldo_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t saldo_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t saldo_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t saldo_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t saldo_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t saldo_button5_pressed(void) { return 0; }
#endif
/* 1 when the terminal's terminfo entry has the capability (a string), else 0. */
static inline int saldo_has_string_cap(const char *name) {
  char *value = tigetstr(name);
  return value != NULL && value != (char *)-1;
}

// True when the current locale encodes text as UTF-8; call after setlocale(LC_ALL, "").
static inline int saldo_codeset_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Installs `handler` for `signum` without SA_RESTART, so a blocking read returns early and
// the main loop sees the signal promptly. The previous action is saved in `previous`.
static inline int saldo_install_signal_handler(int signum, void (*handler)(int),
                                               struct sigaction *previous) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  return sigaction(signum, &action, previous);
}

static inline int saldo_restore_signal_handler(int signum, const struct sigaction *previous) {
  return sigaction(signum, previous, NULL);
}

#include <wchar.h>
// <wchar.h> declares wcwidth only for _XOPEN_SOURCE builds; curses measures with it, so the
// backend asks it too, to keep cells where the grid put them.
int wcwidth(wchar_t c);
static inline int saldo_wcwidth(wchar_t c) { return wcwidth(c); }
