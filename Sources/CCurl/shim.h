#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them directly.
static inline CURLcode saldo_curl_set_long(CURL *curl, CURLoption option, long value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode saldo_curl_set_string(CURL *curl, CURLoption option, const char *value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode saldo_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode saldo_curl_set_write(
    CURL *curl, size_t (*callback)(char *, size_t, size_t, void *), void *userdata) {
  CURLcode code = curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback);
  if (code != CURLE_OK) return code;
  return curl_easy_setopt(curl, CURLOPT_WRITEDATA, userdata);
}
static inline CURLcode saldo_curl_set_body(CURL *curl, const char *body, long length) {
  CURLcode code = curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, length);
  if (code != CURLE_OK) return code;
  return curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, body);
}
static inline long saldo_curl_response_code(CURL *curl) {
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  return code;
}
