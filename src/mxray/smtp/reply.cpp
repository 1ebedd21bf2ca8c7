// SMTP reply parsing; see reply.hpp. Each call re-scans the buffered reply from its start,
// which the byte bound keeps cheap.
#include "mxray/smtp/reply.hpp"

#include "mxray/core/printable.hpp"

namespace mxray::smtp {

std::string Reply::text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i];
  }
  return out;
}

std::string Reply::safe_text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += core::printable(lines[i]);
  }
  return out;
}

std::string_view to_string(ReplyError error) {
  switch (error) {
    case ReplyError::none: return "none";
    case ReplyError::line_too_long: return "line_too_long";
    case ReplyError::too_many_lines: return "too_many_lines";
    case ReplyError::too_large: return "too_large";
    case ReplyError::malformed: return "malformed";
  }
  return "unknown";
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `partial` (the start of a line) can still become a reply line.
bool plausible(std::string_view partial) {
  for (std::size_t i = 0; i < partial.size() && i < 4; ++i) {
    const char c = partial[i];
    if (i < 3 && !is_digit(c)) return false;
    if (i == 3 && c != ' ' && c != '-' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

bool ReplyReader::plausible_start() const { return plausible(buffer_); }

ReplyReader::Status ReplyReader::next(Reply& out, ReplyError& error) {
  error = ReplyError::none;
  Reply reply;
  std::size_t pos = 0;
  while (true) {
    const auto nl = buffer_.find('\n', pos);
    if (nl == std::string::npos) {
      // No complete line yet: stop waiting once the partial line is already over the bound,
      // or cannot become a reply line at all (a server sending garbage and no line end).
      if (!plausible(std::string_view(buffer_).substr(pos))) {
        error = ReplyError::malformed;
        return Status::error;
      }
      // A CR waiting for its LF is not part of the line's length.
      std::size_t partial = buffer_.size() - pos;
      if (partial > 0 && buffer_.back() == '\r') --partial;
      if (partial > limits_.max_reply_line) {
        error = ReplyError::line_too_long;
        return Status::error;
      }
      if (buffer_.size() > limits_.max_reply_bytes) {
        error = ReplyError::too_large;
        return Status::error;
      }
      return Status::need_more;
    }
    std::size_t end = nl;
    if (end > pos && buffer_[end - 1] == '\r') {
      --end;
    } else {
      reply.bare_lf = true;
    }
    const std::string_view line(buffer_.data() + pos, end - pos);
    if (line.size() > limits_.max_reply_line) {
      error = ReplyError::line_too_long;
      return Status::error;
    }
    // RFC 5321 4.2: three digits, then '-' (more lines follow), ' ' or the end of the line.
    if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2]) || line[0] < '2' ||
        line[0] > '5') {
      error = ReplyError::malformed;
      return Status::error;
    }
    const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (!reply.lines.empty() && code != reply.code) {
      error = ReplyError::malformed;
      return Status::error;
    }
    reply.code = code;
    const bool more = line.size() > 3 && line[3] == '-';
    if (line.size() > 3 && line[3] != '-' && line[3] != ' ') {
      error = ReplyError::malformed;
      return Status::error;
    }
    reply.lines.emplace_back(line.size() > 4 ? line.substr(4) : std::string_view{});
    pos = nl + 1;
    if (reply.lines.size() > limits_.max_reply_lines) {
      error = ReplyError::too_many_lines;
      return Status::error;
    }
    if (pos > limits_.max_reply_bytes) {
      error = ReplyError::too_large;
      return Status::error;
    }
    if (!more) {
      buffer_.erase(0, pos);
      out = std::move(reply);
      return Status::complete;
    }
  }
}

}  // namespace mxray::smtp
