// Checksummed framing for the store's files: each record is [u32 length][u32 CRC-32][payload]
// (little endian) after an 8-byte magic, plus the POSIX helpers that make writes durable.
// Private to node_core_store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace automator::store::detail {

constexpr std::size_t frame_header_bytes = 8;
constexpr std::size_t magic_bytes = 8;
constexpr std::string_view log_magic = "FALOG001";
constexpr std::string_view snapshot_magic = "FASNAP01";

/// Appends header + payload to `out`.
void append_frame(std::string& out, std::string_view payload);

/// The frames of a file image, in order, and where the valid prefix ends.
struct frame_scan {
  std::vector<std::string_view> payloads;  // views into the scanned image
  std::size_t valid_end = 0;               // offset just past the last good frame
  bool clean = true;                       // the whole image was good frames
  bool later_frame_found = false;          // a good frame exists after the first bad one
};

/// Scans `image` from `offset`. At the first bad frame (short, zero or overlong length, CRC
/// mismatch) it stops and looks for any good frame further on: none means a torn tail left
/// by a crash, one means corruption in the middle.
frame_scan scan_frames(std::string_view image, std::size_t offset);

/// Whole-file read; throws store_error naming the file.
std::string read_file(const std::filesystem::path& path);
/// write() until done; throws store_error naming `what`.
void write_all(int fd, std::string_view data, std::uint64_t offset, const std::string& what);
/// fdatasync / fsync of a file descriptor or a directory; throw store_error.
void sync_fd(int fd, const std::string& what);
void sync_directory(const std::filesystem::path& dir);
/// The errno text, for messages.
std::string os_error();

}  // namespace automator::store::detail
