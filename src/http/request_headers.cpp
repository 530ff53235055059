#include "http/request_headers.hpp"

#include <algorithm>
#include <stdexcept>

namespace gleaner::http {
namespace {

// What browsers send for a navigation; curl's own "*/*" makes some servers
// answer with JSON or a bot page instead of the HTML a person would see.
constexpr const char* default_accept = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

curl_slist* append(curl_slist* list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list, line.c_str());
  if (!grown) throw std::bad_alloc();  // `list` is untouched; the caller frees it
  return grown;
}

// curl sends "Name;" for a header that is present but empty ("Name:" would
// remove one of curl's own headers instead).
std::string header_line(const RequestHeaders::Header& header) {
  return header.second.empty() ? header.first + ";" : header.first + ": " + header.second;
}

}  // namespace

bool is_credential_header(std::string_view name) {
  return iequals(name, "Authorization") || iequals(name, "Cookie") || iequals(name, "Proxy-Authorization");
}

RequestHeaders::RequestHeaders(const std::vector<Header>& headers) {
  const bool sets_accept =
      std::any_of(headers.begin(), headers.end(), [](const Header& header) { return iequals(header.first, "Accept"); });
  try {
    if (!sets_accept) {
      same_origin_ = append(same_origin_, default_accept);
      other_origin_ = append(other_origin_, default_accept);
    }
    for (const Header& header : headers) {
      const std::string line = header_line(header);
      same_origin_ = append(same_origin_, line);
      if (!is_credential_header(header.first)) other_origin_ = append(other_origin_, line);
    }
  } catch (...) {
    curl_slist_free_all(same_origin_);
    curl_slist_free_all(other_origin_);
    throw;
  }
}

RequestHeaders::~RequestHeaders() {
  curl_slist_free_all(same_origin_);
  curl_slist_free_all(other_origin_);
}

}  // namespace gleaner::http
