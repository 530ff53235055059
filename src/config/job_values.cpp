#include "config/job_values.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "config/value_errors.hpp"
#include "html/selector_parser.hpp"

namespace gleaner::config {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_job_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-';
  });
}

// Loose on purpose: it catches "https://x.test/" and "x.test:8080" written where
// a host belongs, and leaves IDNs (kept as UTF-8 by curl) and IPv6 literals alone.
bool is_host_name(std::string_view host) {
  if (host.empty() || host.front() == '.') return false;
  if (host.front() == '[') {
    return host.size() > 2 && host.back() == ']' &&
           std::all_of(host.begin() + 1, host.end() - 1, [](char c) {
             return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
           });
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return is_ascii_alnum(c) || c == '.' || c == '-' || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::shared_ptr<const re2::RE2> compile_pattern(const std::string& text) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // the error goes into our message, not to stderr
  return std::make_shared<const re2::RE2>(text, options);
}

}  // namespace

std::optional<std::string> read_job_name(const Json& value, const JsonPointer& where,
                                         Diagnostics& sink) {
  if (!value.is_string() || !is_job_name(value.get_ref<const std::string&>())) {
    sink.expected(where, "a non-empty name of letters, digits, '.', '_' and '-'", value);
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<Url> read_start_url(const Json& value, const JsonPointer& where, Diagnostics& sink) {
  constexpr std::string_view expected = "an absolute http(s) URL";
  if (!value.is_string()) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  Result<Url> url = Url::parse(value.get_ref<const std::string&>());
  if (!url) {
    sink.expected(where, expected, value, url.error().message);
    return std::nullopt;
  }
  if (!url->is_http()) {
    sink.expected(where, expected, value);
    return std::nullopt;
  }
  return std::move(url).value();
}

std::optional<std::string> read_host_name(const Json& value, const JsonPointer& where,
                                          Diagnostics& sink) {
  if (!value.is_string() || !is_host_name(value.get_ref<const std::string&>())) {
    sink.expected(where, "a host name such as \"books.example\"", value);
    return std::nullopt;
  }
  return ascii_lower(value.get<std::string>());
}

std::optional<CompiledSelector> read_selector(const Json& value, const JsonPointer& where,
                                              Diagnostics& sink) {
  if (!value.is_string()) {
    sink.expected(where, "a CSS selector string", value);
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  Result<html::SelectorList> selector = html::parse_selector(text);
  if (!selector) {
    sink.report(where, describe_selector_error(text, selector.error().message));
    return std::nullopt;
  }
  return CompiledSelector{text, std::move(selector).value()};
}

std::shared_ptr<const re2::RE2> read_url_pattern(const Json& value, const JsonPointer& where,
                                                 Diagnostics& sink) {
  if (!value.is_string()) {
    sink.expected(where, "a regular expression string (RE2 syntax)", value);
    return nullptr;
  }
  auto pattern = compile_pattern(value.get<std::string>());
  if (!pattern->ok()) {
    sink.report(where, describe_regex_error(*pattern));
    return nullptr;
  }
  return pattern;
}

std::shared_ptr<const re2::RE2> match_every_url() { return compile_pattern(""); }

}  // namespace gleaner::config
