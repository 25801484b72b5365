// test_tls_cert: `openssl req -x509` with an EC key and subjectAltName DNS:localhost only, so
// a request to https://127.0.0.1 fails host name verification.
#include "test_tls_cert.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include <stdlib.h>

namespace automator::net::test {

test_tls_cert::test_tls_cert() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tls-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1"
      " -subj /CN=localhost -addext subjectAltName=DNS:localhost"
      " -keyout " + key_file() + " -out " + cert_file() + " >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("openssl req failed: cannot make a test certificate");
}

test_tls_cert::~test_tls_cert() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace automator::net::test
