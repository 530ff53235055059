// Readers for the values a job is made of: its name, start URLs, host names,
// CSS selectors and RE2 URL patterns. Each reports to the sink on failure.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "config/diagnostics.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"
#include "core/url.hpp"
#include "html/selector.hpp"

namespace re2 {
class RE2;
}

namespace gleaner::config {

struct CompiledSelector {
  std::string text;  // as written in the job
  html::SelectorList selector;
};

// Letters, digits, '.', '_' and '-' only: the name goes into output file names.
std::optional<std::string> read_job_name(const Json& value, const JsonPointer& where,
                                         Diagnostics& sink);

// An absolute http or https URL, canonicalised by Url::parse.
std::optional<Url> read_start_url(const Json& value, const JsonPointer& where, Diagnostics& sink);

// A bare host name ("Books.Example", "127.0.0.1", "[::1]"), returned in lower case.
std::optional<std::string> read_host_name(const Json& value, const JsonPointer& where,
                                          Diagnostics& sink);

std::optional<CompiledSelector> read_selector(const Json& value, const JsonPointer& where,
                                              Diagnostics& sink);

// An RE2 pattern, searched unanchored in page URLs; nullptr after reporting.
std::shared_ptr<const re2::RE2> read_url_pattern(const Json& value, const JsonPointer& where,
                                                 Diagnostics& sink);

// The empty pattern: an item rule without url_pattern applies to every page.
std::shared_ptr<const re2::RE2> match_every_url();

}  // namespace gleaner::config
