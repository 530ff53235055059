#include "http/fetch_headers.hpp"

#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace gleaner::http {
namespace {

curl_slist* append(curl_slist* list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list, line.c_str());
  if (!grown) throw std::bad_alloc();  // `list` is untouched; the caller frees it
  return grown;
}

// The request's validators as header lines. They come from a response stored
// by an earlier run; a value with a line break would turn into headers of its
// own, so it is not sent (the request is then plain, which is always safe).
std::vector<std::string> validator_lines(const Request& request) {
  std::vector<std::string> lines;
  auto add = [&lines](std::string_view name, const std::string& value) {
    if (value.empty() || value.find_first_of("\r\n") != std::string::npos) return;
    lines.push_back(std::string(name) + ": " + value);
  };
  add("If-None-Match", request.if_none_match);
  add("If-Modified-Since", request.if_modified_since);
  return lines;
}

curl_slist* copy_with(const curl_slist* base, const std::vector<std::string>& extra) {
  curl_slist* list = nullptr;
  try {
    for (const curl_slist* entry = base; entry; entry = entry->next) list = append(list, entry->data);
    for (const std::string& line : extra) list = append(list, line);
  } catch (...) {
    curl_slist_free_all(list);
    throw;
  }
  return list;
}

}  // namespace

// Validators go on every hop, to other origins too: they are those of the
// final response the URL gave last time, which is usually a redirect's target.
FetchHeaders::FetchHeaders(const RequestHeaders& job_headers, const Request& request) : job_headers_(job_headers) {
  const std::vector<std::string> validators = validator_lines(request);
  if (validators.empty()) return;
  same_origin_ = copy_with(job_headers.same_origin(), validators);
  try {
    other_origin_ = copy_with(job_headers.other_origin(), validators);
  } catch (...) {
    curl_slist_free_all(same_origin_);
    throw;
  }
}

FetchHeaders::~FetchHeaders() {
  curl_slist_free_all(same_origin_);
  curl_slist_free_all(other_origin_);
}

curl_slist* FetchHeaders::for_hop(bool same_origin) const {
  if (!same_origin_) return same_origin ? job_headers_.same_origin() : job_headers_.other_origin();
  return same_origin ? same_origin_ : other_origin_;
}

}  // namespace gleaner::http
