// PageSource: the one page `gleaner select` works on — a local file, standard
// input ("-"), or an http(s) URL fetched through the same HttpClient as
// crawls — decoded to UTF-8 by the charset stage, as crawled pages are.
#pragma once

#include <string>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace gleaner::cli {

struct SourcePage {
  std::string html;  // UTF-8
  std::string url;   // the URL after redirects for a fetched page; empty for a file or stdin
};

// Whether `source` names a URL rather than a file: it starts with "http://"
// or "https://" (any case).
bool is_url_source(const std::string& source);

// A local file's bytes, or standard input's for "-". Blocks.
Result<std::string> read_local(const std::string& source);

// One request on an event loop of its own, run until the transfer ends. Blocks.
http::Response fetch_once(http::Request request, const http::ClientOptions& options);

// Reads the page. Blocks; for a URL it runs its own event loop until the
// transfer ends. An error (missing file, transport failure, HTTP status of
// 400 or above, a URL scheme other than http(s)) is a one-line message.
Result<SourcePage> read_page(const std::string& source, const http::ClientOptions& options);

}  // namespace gleaner::cli
