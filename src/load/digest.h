// SHA-256 digests of input bytes (OpenSSL's libcrypto), for the report's
// record of what was read. Incremental, so that a reader can feed chunks.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace rurume {

/// An incremental SHA-256: Update with each chunk, then FinalHex once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  /// The digest of everything fed so far, as 64 lowercase hex digits. Call once.
  std::string FinalHex();

 private:
  evp_md_ctx_st* ctx_;
};

/// The SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace rurume
