#include "engine/frontier_for_job.hpp"

#include "config/sitemap_schema.hpp"

namespace gleaner::engine {

crawl::Frontier frontier_for_job(const config::Job& job) {
  const crawl::CrawlOrder order = job.links.order == config::CrawlOrder::depth_first
                                      ? crawl::CrawlOrder::depth_first
                                      : crawl::CrawlOrder::breadth_first;
  std::vector<crawl::PriorityRule> priority;
  for (const config::PriorityRule& rule : job.links.priority) priority.push_back({rule.pattern, rule.priority});
  return crawl::Frontier(
      crawl::Scope(job.allowed_domains, config::seed_urls(job)),  // sitemaps' domains count too
      crawl::FrontierLimits{job.max_depth, job.max_pages, job.links.max_pages_per_host, order,
                            static_cast<std::size_t>(job.max_queued_in_memory)},
      crawl::LinkRules{job.links.allow, job.links.deny, static_cast<std::size_t>(job.links.max_url_length),
                       job.links.trap_guard,
                       crawl::QueryRules(job.links.strip_query_params, job.links.sort_query), std::move(priority)});
}

}  // namespace gleaner::engine
