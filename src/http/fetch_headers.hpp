// FetchHeaders: the header lists one fetch sends, hop by hop: the job's own
// (RequestHeaders) plus this request's validators (If-None-Match,
// If-Modified-Since), which no other request on a pooled easy handle gets.
#pragma once

#include <curl/curl.h>

#include "http/request.hpp"
#include "http/request_headers.hpp"

namespace gleaner::http {

class FetchHeaders {
 public:
  // `job_headers` must outlive this object; without validators its lists are used as they are.
  FetchHeaders(const RequestHeaders& job_headers, const Request& request);
  ~FetchHeaders();
  FetchHeaders(const FetchHeaders&) = delete;
  FetchHeaders& operator=(const FetchHeaders&) = delete;

  // For CURLOPT_HTTPHEADER on one hop; valid for this object's lifetime.
  // `same_origin`: the hop goes to the origin the request started at.
  curl_slist* for_hop(bool same_origin) const;

 private:
  const RequestHeaders& job_headers_;
  curl_slist* same_origin_ = nullptr;  // the job's list plus the validators; null: none
  curl_slist* other_origin_ = nullptr;
};

}  // namespace gleaner::http
