// Reads SMTP replies (RFC 5321 4.2) out of a byte stream from an untrusted server.
// Bounded by Limits::max_reply_line, max_reply_lines and max_reply_bytes; bare LF line ends
// are accepted and noted; NUL and non-UTF-8 bytes are kept raw (escape before printing).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mxray/core/limits.hpp"

namespace mxray::smtp {

/// One complete reply: its code and the text of each line without the code.
struct Reply {
  int code = 0;
  std::vector<std::string> lines;
  bool bare_lf = false;  // some line ended in LF without CR

  /// The lines joined with "\n", raw bytes as received.
  std::string text() const;
  /// The lines escaped with core::printable, joined with "\n": safe for any output.
  std::string safe_text() const;
  bool positive() const { return code >= 200 && code < 400; }
};

/// Why a reply could not be read.
enum class ReplyError { none, line_too_long, too_many_lines, too_large, malformed };

/// Short name of a reply error, as used in the evidence ("line_too_long").
std::string_view to_string(ReplyError error);

/// Incremental reply parser: append bytes as they arrive, then ask for the next reply.
class ReplyReader {
 public:
  enum class Status { need_more, complete, error };

  explicit ReplyReader(const core::Limits& limits) : limits_(limits) {}

  /// Adds received bytes to the buffer.
  void append(std::string_view bytes) { buffer_.append(bytes); }

  /// Extracts the next complete reply into `out`, or says more bytes are needed, or fails.
  Status next(Reply& out, ReplyError& error);

  /// False when the buffered bytes cannot be the start of an SMTP reply (three digits, then
  /// ' ', '-' or the line end).
  bool plausible_start() const;

  /// Bytes received but not yet part of a reply (data sent ahead of its turn).
  std::size_t buffered() const { return buffer_.size(); }
  void clear() { buffer_.clear(); }
  /// True when a whole line (up to LF) is buffered.
  bool has_line() const { return buffer_.find('\n') != std::string::npos; }

 private:
  const core::Limits& limits_;
  std::string buffer_;
};

}  // namespace mxray::smtp
