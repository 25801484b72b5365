// A self-signed certificate for "localhost" made at test time with the openssl CLI, in a
// temporary directory removed with the object.
#pragma once

#include <filesystem>

namespace automator::net::test {

class test_tls_cert {
public:
  test_tls_cert();
  ~test_tls_cert();
  test_tls_cert(const test_tls_cert&) = delete;
  test_tls_cert& operator=(const test_tls_cert&) = delete;

  std::string cert_file() const { return (dir_ / "cert.pem").string(); }
  std::string key_file() const { return (dir_ / "key.pem").string(); }

private:
  std::filesystem::path dir_;
};

}  // namespace automator::net::test
