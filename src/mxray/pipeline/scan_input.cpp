// See scan_input.hpp. Shards and duplicates use the same hash of the same key, so N machines
// reading one file agree on who takes which domain without talking to each other.
#include "mxray/pipeline/scan_input.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "mxray/core/text.hpp"
#include "mxray/dns/domain_name.hpp"

namespace mxray::pipeline {

std::uint64_t fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string domain_key(std::string_view entry) {
  const auto name = dns::normalise_domain(entry);
  if (name.ok()) return name.name;
  return core::ascii_lower(core::trim_space(entry));
}

std::optional<Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const auto number = [](std::string_view s, std::uint64_t& out) {
    if (s.empty() || s.size() > 7) return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  Shard shard;
  if (!number(text.substr(0, slash), shard.index) || !number(text.substr(slash + 1), shard.count)) return std::nullopt;
  if (shard.count == 0 || shard.count > 1000000 || shard.index >= shard.count) return std::nullopt;
  return shard;
}

std::string to_string(const Shard& shard) { return std::to_string(shard.index) + "/" + std::to_string(shard.count); }

bool in_shard(std::string_view key, const Shard& shard) {
  return shard.count <= 1 || fnv1a64(key) % shard.count == shard.index;
}

std::string_view input_entry(std::string_view line) {
  if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  return core::trim_space(line);
}

bool KeySet::insert(std::uint64_t h) {
  if (h == 0) h = 1;  // 0 marks an empty slot
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const auto mask = slots_.size() - 1;
  for (auto i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return false;
    if (slots_[i] == 0) {
      slots_[i] = h;
      ++size_;
      return true;
    }
  }
}

bool KeySet::contains(std::uint64_t h) const {
  if (h == 0) h = 1;
  if (slots_.empty()) return false;
  const auto mask = slots_.size() - 1;
  for (auto i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return true;
    if (slots_[i] == 0) return false;
  }
}

void KeySet::grow() {
  std::vector<std::uint64_t> old(slots_.empty() ? 64 : slots_.size() * 2, 0);
  old.swap(slots_);
  size_ = 0;
  for (const auto h : old) {
    if (h != 0) insert(h);
  }
}

DomainStream::DomainStream(std::istream& in, Shard shard, const KeySet* done) : in_(in), shard_(shard), done_(done) {}

bool DomainStream::next(std::string& entry, std::string& key) {
  std::string line;
  while (true) {
    line.clear();
    // A bounded read: a line over the cap is skipped whole, never held.
    bool long_line = false;
    for (int c = in_.get(); c != EOF && c != '\n'; c = in_.get()) {
      if (line.size() < kMaxLineBytes) {
        line.push_back(static_cast<char>(c));
      } else {
        long_line = true;
      }
    }
    if (line.empty() && !in_) return false;
    if (long_line) {
      ++too_long_;
      continue;
    }
    const auto text = input_entry(line);
    if (text.empty()) continue;
    key = domain_key(text);
    const auto h = fnv1a64(key);
    if (!in_shard(key, shard_)) {
      ++other_shards_;
      continue;
    }
    if (!seen_.insert(h)) {
      ++duplicates_;
      continue;
    }
    if (done_ != nullptr && done_->contains(h)) {
      ++already_done_;
      continue;
    }
    entry = std::string(text);
    return true;
  }
}

std::string report_line_key(std::string_view line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("schema")) return {};
  if (const auto scan = j.find("scan"); scan != j.end() && scan->is_object()) {
    if (const auto k = scan->find("key"); k != scan->end() && k->is_string()) return k->get<std::string>();
  }
  if (const auto input = j.find("input"); input != j.end() && input->is_string()) {
    return domain_key(input->get<std::string>());
  }
  return {};
}

ResumeState read_resume(std::istream& in) {
  ResumeState state;
  std::string line;
  std::uint64_t offset = 0;
  while (std::getline(in, line)) {
    const bool complete = !in.eof();  // the last line of a killed run has no newline
    const auto key = complete ? report_line_key(line) : std::string();
    if (key.empty()) {
      if (complete) {
        state.bad_line = state.lines + 1;
      } else {
        state.cut_tail = true;
      }
      break;
    }
    state.done.insert(fnv1a64(key));
    ++state.lines;
    offset += line.size() + 1;
    state.valid_bytes = offset;
  }
  return state;
}

}  // namespace mxray::pipeline
