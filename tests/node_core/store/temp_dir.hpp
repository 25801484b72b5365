// A fresh directory under /tmp for one test, removed afterwards.
#pragma once

#include <filesystem>

namespace automator::store::test {

class temp_dir {
public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

}  // namespace automator::store::test
