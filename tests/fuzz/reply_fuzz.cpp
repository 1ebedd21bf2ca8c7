// Fuzz target: the SMTP reply reader and EHLO parser on arbitrary server bytes, fed in
// arbitrary chunks. Must never crash, and must respect its byte and line bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mxray/core/printable.hpp"
#include "mxray/smtp/extensions.hpp"
#include "mxray/smtp/reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mxray::core::Limits limits;
  limits.max_reply_line = 64;
  limits.max_reply_lines = 8;
  limits.max_reply_bytes = 512;
  mxray::smtp::ReplyReader reader(limits);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte chooses the chunk size, so the fuzzer explores split points too.
  const std::size_t chunk = size > 0 ? (data[0] % 17) + 1 : 1;
  for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
    reader.append(bytes.substr(pos, chunk));
    mxray::smtp::Reply reply;
    mxray::smtp::ReplyError error{};
    auto status = reader.next(reply, error);
    while (status == mxray::smtp::ReplyReader::Status::complete) {
      if (reply.lines.size() > limits.max_reply_lines) std::abort();
      for (const auto& line : reply.lines) {
        if (line.size() > limits.max_reply_line) std::abort();
      }
      const auto ext = mxray::smtp::parse_extensions(reply);
      (void)mxray::core::printable(ext.server_name);
      for (const auto& line : reply.lines) {
        if (!mxray::core::is_printable(mxray::core::printable(line))) std::abort();
      }
      status = reader.next(reply, error);
    }
    if (status == mxray::smtp::ReplyReader::Status::error) break;
  }
  return 0;
}
