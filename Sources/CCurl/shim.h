#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

// libcurl is opened the first time a payment service is called, not when saldo starts: linked
// in, it and the thirty-odd libraries it needs (TLS, Kerberos, LDAP, ...) were loaded by every
// command, which cost `saldo balance` more than its query. Swift calls only these wrappers;
// the declarations of curl.h give the types and constants.
static inline void *saldo_curl_symbol(const char *name) {
  static void *library;
  if (!library) library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
  return library ? dlsym(library, name) : NULL;
}

/// Whether libcurl could be opened (the runtime package may be missing).
static inline int saldo_curl_available(void) {
  return saldo_curl_symbol("curl_easy_init") != NULL;
}

static inline CURL *saldo_curl_easy_init(void) {
  CURL *(*f)(void) = (CURL * (*)(void)) saldo_curl_symbol("curl_easy_init");
  return f ? f() : NULL;
}
static inline void saldo_curl_easy_cleanup(CURL *curl) {
  void (*f)(CURL *) = (void (*)(CURL *))saldo_curl_symbol("curl_easy_cleanup");
  if (f) f(curl);
}
static inline CURLcode saldo_curl_easy_perform(CURL *curl) {
  CURLcode (*f)(CURL *) = (CURLcode(*)(CURL *))saldo_curl_symbol("curl_easy_perform");
  return f ? f(curl) : CURLE_FAILED_INIT;
}
static inline const char *saldo_curl_easy_strerror(CURLcode code) {
  const char *(*f)(CURLcode) = (const char *(*)(CURLcode))saldo_curl_symbol("curl_easy_strerror");
  return f ? f(code) : "libcurl is not installed";
}
static inline struct curl_slist *saldo_curl_slist_append(struct curl_slist *list, const char *s) {
  struct curl_slist *(*f)(struct curl_slist *, const char *) =
      (struct curl_slist * (*)(struct curl_slist *, const char *))
          saldo_curl_symbol("curl_slist_append");
  return f ? f(list, s) : NULL;
}
static inline void saldo_curl_slist_free_all(struct curl_slist *list) {
  void (*f)(struct curl_slist *) =
      (void (*)(struct curl_slist *))saldo_curl_symbol("curl_slist_free_all");
  if (f) f(list);
}

// curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them directly.
typedef CURLcode (*saldo_curl_setopt_fn)(CURL *, CURLoption, ...);
typedef CURLcode (*saldo_curl_getinfo_fn)(CURL *, CURLINFO, ...);

static inline saldo_curl_setopt_fn saldo_curl_setopt(void) {
  return (saldo_curl_setopt_fn)saldo_curl_symbol("curl_easy_setopt");
}
static inline CURLcode saldo_curl_set_long(CURL *curl, CURLoption option, long value) {
  saldo_curl_setopt_fn f = saldo_curl_setopt();
  return f ? f(curl, option, value) : CURLE_FAILED_INIT;
}
static inline CURLcode saldo_curl_set_string(CURL *curl, CURLoption option, const char *value) {
  saldo_curl_setopt_fn f = saldo_curl_setopt();
  return f ? f(curl, option, value) : CURLE_FAILED_INIT;
}
static inline CURLcode saldo_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
  saldo_curl_setopt_fn f = saldo_curl_setopt();
  return f ? f(curl, option, value) : CURLE_FAILED_INIT;
}
static inline CURLcode saldo_curl_set_write(
    CURL *curl, size_t (*callback)(char *, size_t, size_t, void *), void *userdata) {
  saldo_curl_setopt_fn f = saldo_curl_setopt();
  if (!f) return CURLE_FAILED_INIT;
  CURLcode code = f(curl, CURLOPT_WRITEFUNCTION, callback);
  if (code != CURLE_OK) return code;
  return f(curl, CURLOPT_WRITEDATA, userdata);
}
static inline CURLcode saldo_curl_set_body(CURL *curl, const char *body, long length) {
  saldo_curl_setopt_fn f = saldo_curl_setopt();
  if (!f) return CURLE_FAILED_INIT;
  CURLcode code = f(curl, CURLOPT_POSTFIELDSIZE, length);
  if (code != CURLE_OK) return code;
  return f(curl, CURLOPT_COPYPOSTFIELDS, body);
}
static inline long saldo_curl_response_code(CURL *curl) {
  long code = 0;
  saldo_curl_getinfo_fn f = (saldo_curl_getinfo_fn)saldo_curl_symbol("curl_easy_getinfo");
  if (f) f(curl, CURLINFO_RESPONSE_CODE, &code);
  return code;
}
