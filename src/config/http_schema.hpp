// Reads the job's "http" object (transfer limits, headers, cookies, proxy,
// TLS, address safety) and its "download" object (non-HTML files to keep).
#pragma once

#include "config/diagnostics.hpp"
#include "config/job.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

// Problems go to `sink`; settings keep their defaults for keys that are absent or wrong.
void read_http(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink);
void read_download(const Json& value, const JsonPointer& where, DownloadSettings& download, Diagnostics& sink);

}  // namespace gleaner::config
