// Framing, scanning and durable-write helpers of the store (see framed_file.hpp).
#include "store/framed_file.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include "store/record_store.hpp"

namespace automator::store::detail {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

std::uint32_t crc(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

/// Length of the good frame at `at`, or 0 if there is none.
std::size_t good_frame_at(std::string_view image, std::size_t at) {
  if (image.size() - at < frame_header_bytes) return 0;
  const std::uint32_t length = get_u32(image, at);
  if (length == 0 || length > image.size() - at - frame_header_bytes) return 0;
  const std::string_view payload = image.substr(at + frame_header_bytes, length);
  return crc(payload) == get_u32(image, at + 4) ? frame_header_bytes + length : 0;
}

}  // namespace

void append_frame(std::string& out, std::string_view payload) {
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  put_u32(out, crc(payload));
  out.append(payload);
}

frame_scan scan_frames(std::string_view image, std::size_t offset) {
  frame_scan scan;
  std::size_t at = offset;
  while (at < image.size()) {
    const std::size_t size = good_frame_at(image, at);
    if (size == 0) break;
    scan.payloads.push_back(image.substr(at + frame_header_bytes, size - frame_header_bytes));
    at += size;
  }
  scan.valid_end = at;
  scan.clean = at == image.size();
  for (std::size_t p = at + 1; !scan.clean && p + frame_header_bytes <= image.size(); ++p) {
    if (good_frame_at(image, p) != 0) {
      scan.later_frame_found = true;
      break;
    }
  }
  return scan;
}

std::string os_error() { return std::strerror(errno); }

std::string read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw store_error("store: cannot open " + path.string() + ": " + os_error());
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = os_error();
      ::close(fd);
      throw store_error("store: cannot read " + path.string() + ": " + why);
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

void write_all(int fd, std::string_view data, std::uint64_t offset, const std::string& what) {
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw store_error("store: cannot write " + what + ": " + os_error());
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += static_cast<std::uint64_t>(n);
  }
}

void sync_fd(int fd, const std::string& what) {
  if (::fdatasync(fd) != 0) throw store_error("store: fsync of " + what + " failed: " + os_error());
}

void sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw store_error("store: cannot open directory " + dir.string() + ": " + os_error());
  const int rc = ::fsync(fd);
  const std::string why = rc != 0 ? os_error() : "";
  ::close(fd);
  if (rc != 0) throw store_error("store: fsync of directory " + dir.string() + " failed: " + why);
}

}  // namespace automator::store::detail
