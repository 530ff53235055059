// QueuedRequest: a CrawlRequest as the frontier holds it in RAM, in its
// per-host lanes. Up to max_queued_in_memory of them are alive at once, so
// each byte counts (the README's Memory table):
// - the URL is kept as its text only: the host is the lane's key, the
//   scheme the text's first word, so no second and third string are needed
//   (Url::from_parts puts it back together without parsing);
// - the referer is one string shared by all the links found on a page,
//   which arrive together: a shop page offers a hundred or more.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "crawl/crawl_request.hpp"

namespace gleaner::crawl {

struct QueuedRequest {
  std::string url;                             // Url::str()
  std::shared_ptr<const std::string> referer;  // null for none
  std::int32_t depth = 0;
  std::int32_t attempt = 1;
  std::int32_t priority = 0;
  std::uint64_t sequence = 0;  // arrival order; a retry has 0, so it keeps its place

  // The request back, its Url rebuilt with the host it was queued under.
  CrawlRequest request(const std::string& host) && {
    return CrawlRequest{Url::from_parts(std::move(url), host), depth, referer ? *referer : std::string(), attempt,
                        priority};
  }
};

// Hands out one shared copy of a referer for as long as the same one keeps
// coming, as it does while one page's links are queued.
class SharedReferers {
 public:
  std::shared_ptr<const std::string> share(std::string referer) {
    if (referer.empty()) return nullptr;
    if (last_ == nullptr || *last_ != referer) last_ = std::make_shared<const std::string>(std::move(referer));
    return last_;
  }

 private:
  std::shared_ptr<const std::string> last_;
};

}  // namespace gleaner::crawl
