// Owner-only secret files (see secret_file.hpp).
#include "eth/secret_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "eth/bytes.hpp"

namespace automator::eth {
namespace {

constexpr size_t max_secret_file = 1 << 20;

// Closes the descriptor on every path out.
struct fd_guard {
  int fd;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_owner_only(const std::filesystem::path& file, const std::string& what) {
  const std::string name = what + " " + file.string();
  fd_guard f{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
  if (f.fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw error(name + ": does not exist or is not a regular file");
    throw error(name + ": cannot be opened for reading: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw error(name + ": does not exist or is not a regular file");
  if (st.st_mode & 077) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
    throw error(name + " has mode " + mode + ": group or others may read or change it; it must be " +
                "readable by its owner only (chmod 600 " + file.string() + ")");
  }
  if (size_t(st.st_size) > max_secret_file)
    throw error(name + ": " + std::to_string(st.st_size) + " bytes is too large for a key or password file");
  std::string out(size_t(st.st_size), '\0');
  size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(f.fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      wipe(out);
      throw error(name + ": cannot be read: " + std::strerror(errno));
    }
    if (n == 0) break;
    got += size_t(n);
  }
  out.resize(got);
  return out;
}

void wipe(std::string& s) {
  volatile char* p = s.data();
  for (size_t i = 0; i < s.size(); ++i) p[i] = 0;
}

}  // namespace automator::eth
