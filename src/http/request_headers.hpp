// RequestHeaders: a job's extra request headers as the two curl header lists
// a fetch chooses between, hop by hop: everything for the origin the request
// started at, and everything but credentials for any other origin, so that a
// redirect cannot carry a job's Authorization or Cookie to another host.
#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gleaner::http {

// Authorization, Cookie and Proxy-Authorization, in any letter case.
bool is_credential_header(std::string_view name);

class RequestHeaders {
 public:
  using Header = std::pair<std::string, std::string>;

  // `headers` as the job lists them; a default Accept is added unless the job sets one.
  explicit RequestHeaders(const std::vector<Header>& headers);
  ~RequestHeaders();
  RequestHeaders(const RequestHeaders&) = delete;
  RequestHeaders& operator=(const RequestHeaders&) = delete;

  // For CURLOPT_HTTPHEADER; valid for the object's lifetime.
  curl_slist* same_origin() const { return same_origin_; }
  curl_slist* other_origin() const { return other_origin_; }

 private:
  curl_slist* same_origin_ = nullptr;
  curl_slist* other_origin_ = nullptr;
};

}  // namespace gleaner::http
