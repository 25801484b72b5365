// record_store: the in-memory collections, the append-only log, recovery and compaction.
//
// Directory layout:
//   LOCK                  flock'ed while open, so two processes never share a store
//   snapshot              optional; the live state plus the generation of the log after it
//   log-<generation>      records appended since that snapshot (generation 0: no snapshot)
//   snapshot.tmp          a compaction in progress; ignored and removed on open
#include "store/record_store.hpp"

#include <cstdio>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "store/framed_file.hpp"
#include "store/record_codec.hpp"

namespace automator::store {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr std::size_t snapshot_chunk_bytes = 1 << 20;

fs::path log_path(const fs::path& dir, std::uint64_t generation) {
  char name[32];
  std::snprintf(name, sizeof name, "log-%016llx", static_cast<unsigned long long>(generation));
  return dir / name;
}

/// What one live entry costs in a snapshot, roughly; decides when compaction pays off.
std::uint64_t entry_bytes(const std::string& collection, const std::string& key,
                          const std::string& value) {
  return collection.size() + key.size() + value.size() + 16;
}

/// Creates `path` holding exactly `content`, durably (file and directory entry fsync'd).
void create_durable(const fs::path& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw store_error("store: cannot create " + path.string() + ": " + os_error());
  try {
    write_all(fd, content, 0, path.string());
    sync_fd(fd, path.string());
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
}

}  // namespace

write_batch& write_batch::put(std::string collection, std::string key, std::string value) {
  ops_.push_back({false, std::move(collection), std::move(key), std::move(value)});
  return *this;
}

write_batch& write_batch::erase(std::string collection, std::string key) {
  ops_.push_back({true, std::move(collection), std::move(key), {}});
  return *this;
}

std::unique_ptr<record_store> record_store::open(const fs::path& dir, store_options options) {
  std::unique_ptr<record_store> store(new record_store(dir, options));
  store->load();
  return store;
}

record_store::record_store(fs::path dir, store_options options)
    : dir_(std::move(dir)), options_(options) {}

record_store::~record_store() {
  if (log_fd_ >= 0) ::close(log_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void record_store::load() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw store_error("store: cannot create directory " + dir_.string() + ": " + ec.message());
  const fs::path lock = dir_ / "LOCK";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) throw store_error("store: cannot open " + lock.string() + ": " + os_error());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0)
    throw store_error("store: " + dir_.string() + " is already open in another process");

  fs::remove(dir_ / "snapshot.tmp", ec);
  const fs::path snapshot = dir_ / "snapshot";
  if (fs::exists(snapshot)) load_snapshot(snapshot);

  const fs::path log = log_path(dir_, generation_);
  replay_log(log);
  // Logs of other generations are leftovers of a compaction interrupted by a crash: older ones
  // are already in the snapshot, a newer one was never referenced (and is empty).
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("log-", 0) == 0 && entry.path() != log) fs::remove(entry.path(), ec);
  }
  open_log_for_append(log);
}

void record_store::load_snapshot(const fs::path& path) {
  const std::string image = read_file(path);
  const std::string where = path.string();
  if (image.compare(0, magic_bytes, snapshot_magic) != 0)
    throw store_error("store: " + where + " is not a store snapshot (bad magic)");
  const frame_scan scan = scan_frames(image, magic_bytes);
  // A snapshot is renamed into place only when complete, so any bad frame is corruption.
  if (!scan.clean || scan.payloads.empty())
    throw store_error("store: snapshot " + where + " is corrupt at offset " +
                      std::to_string(scan.valid_end) + " (checksum mismatch)");
  const snapshot_header header = decode_snapshot_header(scan.payloads.front(), where);
  std::uint64_t records = 0;
  for (std::size_t i = 1; i < scan.payloads.size(); ++i) {
    for (const auto& op : decode_ops(scan.payloads[i], where)) {
      apply(op);
      ++records;
    }
  }
  if (records != header.records)
    throw store_error("store: snapshot " + where + " holds " + std::to_string(records) +
                      " records, its header says " + std::to_string(header.records));
  generation_ = header.generation;
  recovery_.snapshot_records = records;
}

void record_store::replay_log(const fs::path& path) {
  if (!fs::exists(path)) {
    create_durable(path, log_magic);
    sync_directory(dir_);
    log_bytes_ = magic_bytes;
    return;
  }
  std::string image = read_file(path);
  const std::string where = path.string();
  if (image.size() < magic_bytes && log_magic.substr(0, image.size()) == image) {
    // Crashed while creating the log: nothing was ever acknowledged in it.
    create_durable(path, log_magic);
    log_bytes_ = magic_bytes;
    return;
  }
  if (image.compare(0, magic_bytes, log_magic) != 0)
    throw store_error("store: " + where + " is not a store log (bad magic)");
  const frame_scan scan = scan_frames(image, magic_bytes);
  if (scan.later_frame_found)
    throw store_error("store: log " + where + " is corrupt at offset " +
                      std::to_string(scan.valid_end) +
                      " with intact records after it; refusing to truncate (move the file "
                      "away to recover the records before that offset)");
  for (const auto payload : scan.payloads) {
    for (const auto& op : decode_ops(payload, where)) apply(op);
    ++recovery_.log_records_replayed;
  }
  log_bytes_ = scan.valid_end;
  if (!scan.clean) {
    recovery_.torn_tail_bytes = image.size() - scan.valid_end;
    if (::truncate(path.c_str(), static_cast<off_t>(scan.valid_end)) != 0)
      throw store_error("store: cannot truncate the torn tail of " + where + ": " + os_error());
  }
}

void record_store::open_log_for_append(const fs::path& path) {
  log_fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (log_fd_ < 0) throw store_error("store: cannot open " + path.string() + ": " + os_error());
  // Makes the truncation of a torn tail durable before new records follow it.
  sync_fd(log_fd_, path.string());
}

void record_store::apply(const write_batch::op& op) {
  if (op.erase) {
    auto c = data_.find(op.collection);
    if (c == data_.end()) return;
    auto it = c->second.find(op.key);
    if (it == c->second.end()) return;
    live_bytes_ -= entry_bytes(op.collection, it->first, it->second);
    c->second.erase(it);
    if (c->second.empty()) data_.erase(c);
    return;
  }
  auto& collection = data_[op.collection];
  auto [it, inserted] = collection.try_emplace(op.key, op.value);
  if (!inserted) {
    live_bytes_ -= entry_bytes(op.collection, it->first, it->second);
    it->second = op.value;
  }
  live_bytes_ += entry_bytes(op.collection, op.key, op.value);
}

void record_store::check_writable() const {
  if (failed_)
    throw store_error("store: " + dir_.string() +
                      " refuses writes after an earlier write failure; reopen it");
}

void record_store::append(const write_batch& batch) {
  check_writable();
  std::string frame;
  append_frame(frame, encode_ops(batch.ops()));
  const std::string what = log_path(dir_, generation_).string();
  try {
    write_all(log_fd_, frame, log_bytes_, what);
    if (options_.sync) sync_fd(log_fd_, what);
  } catch (...) {
    // Cut off the partial record so later records never follow garbage; either way the
    // on-disk state is uncertain now, so stop accepting writes.
    if (::ftruncate(log_fd_, static_cast<off_t>(log_bytes_)) == 0) ::fdatasync(log_fd_);
    failed_ = true;
    throw;
  }
  log_bytes_ += frame.size();
  for (const auto& op : batch.ops()) apply(op);
  maybe_compact();
}

void record_store::put(std::string_view collection, std::string_view key, std::string_view value) {
  write_batch batch;
  batch.put(std::string(collection), std::string(key), std::string(value));
  append(batch);
}

void record_store::erase(std::string_view collection, std::string_view key) {
  if (!contains(collection, key)) return;
  write_batch batch;
  batch.erase(std::string(collection), std::string(key));
  append(batch);
}

void record_store::write(const write_batch& batch) {
  if (!batch.empty()) append(batch);
}

std::optional<std::string> record_store::get(std::string_view collection,
                                             std::string_view key) const {
  auto c = data_.find(collection);
  if (c == data_.end()) return std::nullopt;
  auto it = c->second.find(key);
  if (it == c->second.end()) return std::nullopt;
  return it->second;
}

bool record_store::contains(std::string_view collection, std::string_view key) const {
  auto c = data_.find(collection);
  return c != data_.end() && c->second.find(key) != c->second.end();
}

std::size_t record_store::size(std::string_view collection) const {
  auto c = data_.find(collection);
  return c == data_.end() ? 0 : c->second.size();
}

void record_store::for_each(
    std::string_view collection,
    const std::function<void(const std::string&, const std::string&)>& visit) const {
  auto c = data_.find(collection);
  if (c == data_.end()) return;
  for (const auto& [key, value] : c->second) visit(key, value);
}

std::vector<std::string> record_store::collections() const {
  std::vector<std::string> names;
  for (const auto& [name, entries] : data_) names.push_back(name);
  return names;
}

void record_store::maybe_compact() {
  if (options_.compact_log_bytes != 0 && log_bytes_ > options_.compact_log_bytes &&
      log_bytes_ > 2 * live_bytes_)
    compact();
}

void record_store::compact() {
  check_writable();
  const std::uint64_t next = generation_ + 1;
  std::uint64_t records = 0;
  for (const auto& [name, entries] : data_) records += entries.size();

  std::string image(snapshot_magic);
  append_frame(image, encode_snapshot_header({next, records}));
  std::vector<write_batch::op> chunk;
  std::size_t chunk_bytes = 0;
  auto flush = [&] {
    if (chunk.empty()) return;
    append_frame(image, encode_ops(chunk));
    chunk.clear();
    chunk_bytes = 0;
  };
  for (const auto& [name, entries] : data_) {
    for (const auto& [key, value] : entries) {
      chunk.push_back({false, name, key, value});
      chunk_bytes += key.size() + value.size() + name.size();
      if (chunk_bytes >= snapshot_chunk_bytes) flush();
    }
  }
  flush();

  // Order matters for crash safety: snapshot.tmp and the new empty log are durable before the
  // rename makes the snapshot current; the old log goes only after the rename is durable.
  const fs::path tmp = dir_ / "snapshot.tmp";
  const fs::path old_log = log_path(dir_, generation_);
  const fs::path new_log = log_path(dir_, next);
  create_durable(tmp, image);
  create_durable(new_log, log_magic);
  if (::rename(tmp.c_str(), (dir_ / "snapshot").c_str()) != 0)
    throw store_error("store: cannot rename " + tmp.string() + ": " + os_error());
  // From here on the new snapshot may be current on disk, so appending to the old log could
  // lose records: any failure stops all writes.
  try {
    sync_directory(dir_);
    const int fd = ::open(new_log.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw store_error("store: cannot open " + new_log.string() + ": " + os_error());
    ::close(log_fd_);
    log_fd_ = fd;
  } catch (...) {
    failed_ = true;
    throw;
  }
  generation_ = next;
  log_bytes_ = magic_bytes;
  std::error_code ec;
  fs::remove(old_log, ec);
}

}  // namespace automator::store
