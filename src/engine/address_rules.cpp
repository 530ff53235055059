#include "engine/address_rules.hpp"

#include <curl/curl.h>
#include <netdb.h>

#include <memory>
#include <string>

namespace gleaner::engine {
namespace {

struct UrlHandle {
  CURLU* handle = curl_url();
  ~UrlHandle() { curl_url_cleanup(handle); }
};

struct CurlText {
  char* text = nullptr;
  ~CurlText() { curl_free(text); }
};

// Every address:port a start URL can connect to.
void allow_start_url(const Url& url, AddressPolicy& policy) {
  UrlHandle parsed;
  CurlText host;
  CurlText port;
  if (curl_url_set(parsed.handle, CURLUPART_URL, url.str().c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.handle, CURLUPART_HOST, &host.text, 0) != CURLUE_OK ||
      curl_url_get(parsed.handle, CURLUPART_PORT, &port.text, CURLU_DEFAULT_PORT) != CURLUE_OK) {
    return;
  }
  std::string name = host.text;
  if (name.size() > 2 && name.front() == '[') name = name.substr(1, name.size() - 2);  // IPv6 literal
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(name.c_str(), port.text, &hints, &found) != 0) return;
  for (const addrinfo* entry = found; entry; entry = entry->ai_next) {
    Endpoint endpoint;
    if (endpoint_of(entry->ai_addr, endpoint)) policy.allow(endpoint);
  }
  freeaddrinfo(found);
}

}  // namespace

std::shared_ptr<const AddressPolicy> address_policy_for(const config::Job& job) {
  if (job.http.allow_all_addresses) return std::make_shared<AddressPolicy>(AddressPolicy::allow_all());
  auto policy = std::make_shared<AddressPolicy>();
  for (const std::string& entry : job.http.allow_private_addresses) {
    (void)policy->allow(entry);  // validated when the job was loaded
  }
  for (const Url& url : job.start_urls) allow_start_url(url, *policy);
  return policy;
}

}  // namespace gleaner::engine
