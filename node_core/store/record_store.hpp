// The node's crash-safe local store: named collections ("tasks", "proofs", "meta") of
// key -> bytes, kept in memory and persisted as checksummed msgpack records in an append-only
// log with snapshots.
//
// Durability: put/erase/write return only after the record is fsync'd; a proof is "safe" once
// put() has returned. A batch is one record: after a crash it is either entirely there or not
// at all (group commit, one fsync per batch).
// Recovery: open() loads the snapshot, replays the log and truncates a torn tail left by a
// crash (a record whose write did not finish). A checksum failure anywhere else is corruption,
// not a crash artifact: open() then throws store_error and leaves the files untouched.
// Compaction writes the live state to a new snapshot (write, fsync, rename, fsync dir) and
// starts a new empty log, so the log does not grow forever.
//
// Not thread-safe: one owner (the store actor) calls it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace automator::store {

/// I/O failures and corruption; what() names the file, the offset and the problem. After a
/// failed write the store refuses further writes (its on-disk state is no longer known).
class store_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct store_options {
  /// Compact automatically when the log is larger than this and larger than twice the live
  /// data. 0 disables automatic compaction (compact() still works).
  std::uint64_t compact_log_bytes = 64 * 1024 * 1024;
  /// fsync before acknowledging (always true in the node; tests of pure logic may turn it off).
  bool sync = true;
};

/// What open() found, for logs and tests.
struct recovery_info {
  std::uint64_t snapshot_records = 0;
  std::uint64_t log_records_replayed = 0;
  std::uint64_t torn_tail_bytes = 0;  // bytes cut off the end of the log
};

/// Puts and erases applied together, atomically and with one fsync (see record_store::write).
class write_batch {
public:
  write_batch& put(std::string collection, std::string key, std::string value);
  write_batch& erase(std::string collection, std::string key);
  bool empty() const noexcept { return ops_.empty(); }
  std::size_t size() const noexcept { return ops_.size(); }
  void clear() noexcept { ops_.clear(); }

  struct op {
    bool erase;
    std::string collection;
    std::string key;
    std::string value;
  };
  const std::vector<op>& ops() const noexcept { return ops_; }

private:
  std::vector<op> ops_;
};

class record_store {
public:
  /// Opens (creating if needed) the store in directory `dir`. Throws store_error on I/O
  /// failure or corruption.
  static std::unique_ptr<record_store> open(const std::filesystem::path& dir,
                                            store_options options = {});
  ~record_store();
  record_store(const record_store&) = delete;
  record_store& operator=(const record_store&) = delete;

  /// Durable once it returns. Keys and values are arbitrary bytes. put/erase/write may also
  /// throw from an automatic compaction after the record itself is durable; writing the same
  /// record again is harmless.
  void put(std::string_view collection, std::string_view key, std::string_view value);
  /// Durable once it returns; erasing a missing key is not an error (and writes nothing).
  void erase(std::string_view collection, std::string_view key);
  /// Applies all operations of `batch` in order, atomically, with one fsync.
  void write(const write_batch& batch);

  std::optional<std::string> get(std::string_view collection, std::string_view key) const;
  bool contains(std::string_view collection, std::string_view key) const;
  std::size_t size(std::string_view collection) const;
  /// Visits the collection in key order. `visit` must not modify the store.
  void for_each(std::string_view collection,
                const std::function<void(const std::string& key, const std::string& value)>&
                    visit) const;
  /// Names of the non-empty collections.
  std::vector<std::string> collections() const;

  /// Writes a snapshot of the live state and starts a new empty log.
  void compact();

  const recovery_info& recovery() const noexcept { return recovery_; }
  /// Current size of the log file in bytes.
  std::uint64_t log_bytes() const noexcept { return log_bytes_; }
  const std::filesystem::path& directory() const noexcept { return dir_; }

private:
  record_store(std::filesystem::path dir, store_options options);
  void load();
  void load_snapshot(const std::filesystem::path& path);
  void replay_log(const std::filesystem::path& path);
  void open_log_for_append(const std::filesystem::path& path);
  void append(const write_batch& batch);
  void apply(const write_batch::op& op);
  void maybe_compact();
  void check_writable() const;

  using collection_map = std::map<std::string, std::string, std::less<>>;
  std::filesystem::path dir_;
  store_options options_;
  std::map<std::string, collection_map, std::less<>> data_;
  std::uint64_t live_bytes_ = 0;
  std::uint64_t generation_ = 0;
  std::uint64_t log_bytes_ = 0;
  int log_fd_ = -1;
  int lock_fd_ = -1;  // flock'ed: one process per store directory
  bool failed_ = false;
  recovery_info recovery_;
};

}  // namespace automator::store
