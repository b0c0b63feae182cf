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
