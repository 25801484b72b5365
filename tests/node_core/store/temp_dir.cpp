// temp_dir: mkdtemp-based scratch directories for the store tests.
#include "temp_dir.hpp"

#include <stdexcept>
#include <string>

#include <stdlib.h>

namespace automator::store::test {

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "store-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace automator::store::test
