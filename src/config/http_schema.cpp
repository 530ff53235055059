#include "config/http_schema.hpp"

#include <algorithm>
#include <fstream>

#include "config/object_walker.hpp"
#include "config/value_readers.hpp"
#include "core/address_policy.hpp"
#include "html/ascii.hpp"

namespace gleaner::config {
namespace {

// RFC 9110 §5.6.2 token characters: what a header name may be made of.
bool is_token(std::string_view name) {
  constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || specials.find(c) != std::string_view::npos;
  });
}

// Headers curl or gleaner set from other settings; a second copy would
// contradict them (Host, framing) or hide the real setting (User-Agent).
std::optional<std::string_view> managed_header(std::string_view name) {
  const std::string lower = html::ascii_lower(name);
  if (lower == "user-agent") return "set http.user_agent instead";
  if (lower == "host" || lower == "content-length" || lower == "transfer-encoding" ||
      lower == "connection" || lower == "te" || lower == "upgrade") {
    return "gleaner sets it for each request";
  }
  return std::nullopt;
}

void read_headers(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  if (!value.is_object()) {
    sink.expected(where, "an object of header names to string values", value);
    return;
  }
  for (const auto& [name, header_value] : value.items()) {
    const JsonPointer at = where.child(name);
    if (!is_token(name)) {
      sink.report(at, "\"" + name + "\" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)");
      continue;
    }
    if (auto reason = managed_header(name)) {
      sink.report(at, "the " + name + " header cannot be set here: " + std::string(*reason));
      continue;
    }
    auto text = read_string(header_value, at, "a header value string", sink);
    if (!text) continue;
    // A line break would let a value smuggle in a header of its own.
    if (text->find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      sink.expected(at, "a header value without line breaks or NUL", header_value);
      continue;
    }
    http.headers.emplace_back(name, std::move(*text));
  }
}

void read_cookies(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  if (value.is_boolean()) {
    http.cookies = value.get<bool>();
    return;
  }
  auto path = read_non_empty_string(value, where, "true, false or the path of a cookies.txt file", sink);
  if (!path) return;
  if (!std::ifstream(*path)) {
    sink.report(where, "cannot read the cookie file \"" + *path + "\"");
    return;
  }
  http.cookies = true;
  http.cookie_file = std::move(*path);
}

void read_proxy(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  constexpr std::string_view expected =
      "a proxy URL such as \"http://proxy.example:3128\" (http, https, socks4, socks4a, socks5 or socks5h)";
  auto text = read_non_empty_string(value, where, expected, sink);
  if (!text) return;
  const std::size_t colon = text->find("://");
  const std::string scheme = colon == std::string::npos ? "" : html::ascii_lower(text->substr(0, colon));
  constexpr std::string_view schemes[] = {"http", "https", "socks4", "socks4a", "socks5", "socks5h"};
  if (std::find(std::begin(schemes), std::end(schemes), scheme) == std::end(schemes) ||
      text->size() == colon + 3) {
    sink.expected(where, expected, value);
    return;
  }
  http.proxy = std::move(*text);
}

void read_private_addresses(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  constexpr std::string_view expected = "true, false or an array of addresses and CIDR networks";
  if (value.is_boolean()) {
    http.allow_all_addresses = value.get<bool>();
    return;
  }
  for_each_element(value, where, expected, [&](const Json& element, const JsonPointer& at) {
    auto entry = read_non_empty_string(element, at, "an address, address:port or CIDR network", sink);
    if (!entry) return;
    AddressPolicy check;
    if (auto allowed = check.allow(*entry); !allowed) {
      sink.report(at, allowed.error().message);
      return;
    }
    http.allow_private_addresses.push_back(std::move(*entry));
  }, sink);
}

// "application/pdf", "image/*" or "*/*": what Content-Type values look like.
bool is_media_range(std::string_view text) {
  const std::size_t slash = text.find('/');
  return slash != std::string_view::npos && is_token(text.substr(0, slash)) && is_token(text.substr(slash + 1));
}

}  // namespace

void read_http(const Json& value, const JsonPointer& where, HttpSettings& http, Diagnostics& sink) {
  constexpr NumberRange timeout_range{0.001, 86400, "a number of seconds from 0.001 to 86400"};
  walk_object(value, where, "an object", {
      {"user_agent", Presence::optional, [&](const Json& text, const JsonPointer& at) {
         if (auto agent = read_non_empty_string(text, at, "a non-empty User-Agent string", sink)) {
           http.user_agent = std::move(*agent);
         }
       }},
      {"connect_timeout", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, timeout_range, sink)) http.connect_timeout_seconds = *seconds;
       }},
      {"timeout", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, timeout_range, sink)) http.timeout_seconds = *seconds;
       }},
      {"low_speed_limit", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto bytes = read_integer(number, at, {1, 1LL << 30}, sink)) http.low_speed_limit = static_cast<long>(*bytes);
       }},
      {"low_speed_time", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto seconds = read_number(number, at, {0, 86400, "a number of seconds from 0 to 86400"}, sink)) {
           http.low_speed_time_seconds = *seconds;
         }
       }},
      {"max_redirects", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto count = read_integer(number, at, {0, 50}, sink)) http.max_redirects = static_cast<long>(*count);
       }},
      {"max_body_bytes", Presence::optional, [&](const Json& number, const JsonPointer& at) {
         if (auto bytes = read_integer(number, at, {1024, 1LL << 32}, sink)) http.max_body_bytes = *bytes;
       }},
      {"allow_private_addresses", Presence::optional, [&](const Json& allowed, const JsonPointer& at) {
         read_private_addresses(allowed, at, http, sink);
       }},
      {"headers", Presence::optional, [&](const Json& headers, const JsonPointer& at) {
         read_headers(headers, at, http, sink);
       }},
      {"cookies", Presence::optional, [&](const Json& cookies, const JsonPointer& at) {
         read_cookies(cookies, at, http, sink);
       }},
      {"proxy", Presence::optional, [&](const Json& proxy, const JsonPointer& at) {
         read_proxy(proxy, at, http, sink);
       }},
      {"verify_tls", Presence::optional, [&](const Json& flag, const JsonPointer& at) {
         if (auto verify = read_bool(flag, at, sink)) http.verify_tls = *verify;
       }},
  }, sink);
}

void read_download(const Json& value, const JsonPointer& where, DownloadSettings& download, Diagnostics& sink) {
  walk_object(value, where, "an object", {
      {"content_types", Presence::required, [&](const Json& list, const JsonPointer& at) {
         for_each_element(list, at, "an array of media types such as \"application/pdf\" or \"image/*\"",
                          [&](const Json& element, const JsonPointer& item) {
                            if (!element.is_string() || !is_media_range(element.get_ref<const std::string&>())) {
                              sink.expected(item, "a media type such as \"application/pdf\" or \"image/*\"", element);
                              return;
                            }
                            download.content_types.push_back(html::ascii_lower(element.get<std::string>()));
                          },
                          sink);
       }},
      {"dir", Presence::optional, [&](const Json& path, const JsonPointer& at) {
         if (auto text = read_non_empty_string(path, at, "a non-empty directory path", sink)) {
           download.dir = std::move(*text);
         }
       }},
  }, sink);
}

}  // namespace gleaner::config
