// The input of `mxray scan`: one domain per line, read as a stream ('#' comments and blank
// lines skipped, duplicates dropped), split into shards by a stable hash of the domain, and the
// domains an earlier run already wrote (--resume). Input is an untrusted file: lines are capped
// (kMaxLineBytes) and memory grows by about 16 bytes per distinct domain, never by reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mxray::pipeline {

/// FNV-1a, 64 bits, of the bytes of `s`: the same on every machine and every run.
std::uint64_t fnv1a64(std::string_view s);

/// The key of a domain: normalised as `check` normalises it (A-label, lower case, no final
/// dot); text that is not a domain is keyed by its trimmed, lower-cased self.
std::string domain_key(std::string_view entry);

/// One part K of N of the input (--shard K/N).
struct Shard {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
};
/// "K/N" with 0 <= K < N <= 1000000, else nothing.
std::optional<Shard> parse_shard(std::string_view text);
std::string to_string(const Shard& shard);
/// Whether the domain of `key` belongs to `shard`: fnv1a64(key) mod N == K.
bool in_shard(std::string_view key, const Shard& shard);

/// The domain on one input line: without a '#' comment and surrounding blanks; empty for a
/// blank or comment line.
std::string_view input_entry(std::string_view line);

/// A set of 64-bit hashes (open addressing, 8 bytes a slot, at most half full).
class KeySet {
 public:
  /// True when `h` was not in the set (and is now).
  bool insert(std::uint64_t h);
  bool contains(std::uint64_t h) const;
  std::size_t size() const { return size_; }

 private:
  void grow();
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

/// The domains of one input stream, in order, for one shard.
class DomainStream {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;

  /// `done`: keys to skip (already in the output, --resume); may be null.
  DomainStream(std::istream& in, Shard shard, const KeySet* done);
  /// The next domain (as written) and its key; false at the end of the input.
  bool next(std::string& entry, std::string& key);

  std::size_t duplicates() const { return duplicates_; }
  std::size_t other_shards() const { return other_shards_; }
  std::size_t already_done() const { return already_done_; }
  std::size_t too_long() const { return too_long_; }

 private:
  std::istream& in_;
  Shard shard_;
  const KeySet* done_;
  KeySet seen_;
  std::size_t duplicates_ = 0;
  std::size_t other_shards_ = 0;
  std::size_t already_done_ = 0;
  std::size_t too_long_ = 0;
};

/// What an earlier output file holds (--resume): the keys of its complete lines, and where
/// its valid part ends (a line cut by a kill is not complete and is dropped).
struct ResumeState {
  KeySet done;
  std::size_t lines = 0;
  std::uint64_t valid_bytes = 0;
  bool cut_tail = false;     // bytes after valid_bytes: a line cut short
  std::size_t bad_line = 0;  // a complete line that is not a report (1-based): not a scan output
};
ResumeState read_resume(std::istream& in);

/// The key a report line was written for: its "scan.key", else the key of its "input"; empty
/// when the line is not a report.
std::string report_line_key(std::string_view line);

}  // namespace mxray::pipeline
