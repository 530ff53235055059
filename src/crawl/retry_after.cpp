#include "crawl/retry_after.hpp"

#include <curl/curl.h>

#include <string>

namespace gleaner::crawl {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now_utc) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    // Cap absurd values rather than overflow: a day is longer than any crawl should wait.
    if (value.size() > 9) return std::chrono::seconds(86400);
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  // curl_getdate reads the three HTTP-date formats RFC 9110 §5.6.7 accepts.
  const std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::chrono::seconds(when > now_utc ? when - now_utc : 0);
}

}  // namespace gleaner::crawl
