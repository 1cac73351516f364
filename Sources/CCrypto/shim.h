// The digests on the scan path use OpenSSL's one-shot-struct API (SHA256_Init and
// friends): EVP_DigestInit_ex2 in OpenSSL 3.0 frees and re-creates its provider
// context on every init (one malloc per digest per file, before the answer), the
// struct API allocates nothing and skips provider dispatch (72 vs 125 ns per 100-byte
// file here). 3.0 marks it deprecated, not removed; the define keeps the import quiet.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
