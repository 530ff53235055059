// DownloadStore: keeps the non-HTML responses a job asked for (its
// download.content_types) as files in one directory, each written under a
// temporary name and renamed into place, and lists them in DIR/manifest.jsonl.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace gleaner::output {

struct Download {
  std::string url;        // as requested
  std::string final_url;  // after redirects: where the bytes came from
  std::string content_type;
  std::string fetched_at;  // RFC 3339, UTC
  std::string body;
};

class DownloadStore {
 public:
  // `content_types`: lower-case media types, "type/*" or "*/*". The directory
  // is created on the first save.
  DownloadStore(std::string dir, std::vector<std::string> content_types);

  // True when a response with this Content-Type header is to be kept.
  bool wants(std::string_view content_type) const;

  // Any thread. Writes DIR/<stem>.<extension> (the extension from the URL's
  // path, else from the media type) and appends its manifest line; returns
  // the file's path. `stem` names the file; the same stem overwrites.
  Result<std::string> save(const Download& download, std::string_view stem);

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::vector<std::string> content_types_;
  std::mutex manifest_mutex_;  // whole lines, in the order saves finish
};

// "application/pdf; charset=x" -> "application/pdf", lower-cased.
std::string media_type_of(std::string_view content_type);

}  // namespace gleaner::output
