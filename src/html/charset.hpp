// The charset stage: a fetched body becomes UTF-8 before gumbo parses it.
// Runs on a worker thread with the rest of the HTML stage (extract/).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gleaner::html {

// Where the encoding came from, in order of precedence.
enum class CharsetSource {
  bom,           // a UTF-8 or UTF-16 byte order mark
  content_type,  // the charset= parameter of the HTTP Content-Type header
  meta,          // <meta charset> or <meta http-equiv> in the first 1024 bytes
  detected,      // nothing declared: the bytes were well-formed UTF-8, or uchardet guessed
  default_utf8,  // nothing declared or detected: UTF-8, with ill-formed bytes replaced
};

struct DecodedBody {
  std::string utf8;
  std::string charset;  // the Encoding Standard's name of the encoding used: "windows-1252"
  CharsetSource source;
  std::size_t replaced;  // ill-formed sequences replaced by U+FFFD
};

// Never fails and never throws for any bytes (short of running out of memory);
// linear time. `content_type` is the Content-Type header value, possibly empty.
// A body that is well-formed UTF-8 and declared or taken as UTF-8 is moved
// into the result, not copied; so is an ASCII-only body in any encoding that
// agrees with ASCII. A pure-ASCII undeclared body reports default_utf8.
DecodedBody decode_to_utf8(std::string body, std::string_view content_type);

std::string_view to_string(CharsetSource source);

}  // namespace gleaner::html
