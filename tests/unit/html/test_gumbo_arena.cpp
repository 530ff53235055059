// GumboArena: the bump allocator gumbo's trees live in, and Document's use of
// it (one arena per Document, chunks pooled per thread).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "html/document.hpp"
#include "html/gumbo_arena.hpp"
#include "html/node_text.hpp"
#include "html/node_tree.hpp"

using namespace gleaner::html;

namespace {

bool is_aligned(const void* block) {
  return reinterpret_cast<std::uintptr_t>(block) % GumboArena::alignment == 0;
}

std::string page_with_marker(int n) {
  std::string html = "<!doctype html><title>page " + std::to_string(n) + "</title><ul>";
  for (int i = 0; i < 200; ++i) html += "<li class=item>item " + std::to_string(i) + "</li>";
  return html + "</ul><p id=marker>marker " + std::to_string(n) + "</p>";
}

// The text of <p id=marker>, found by walking the tree: reads every node
// before it, so a tree whose memory was reused or freed reads wrong (or, under
// ASan, fails loudly).
std::string marker_text(const Document& doc) {
  PreorderWalk walk(doc.root());
  while (const GumboNode* node = walk.next()) {
    if (has_tag_name(node, "p")) return all_text(node);
  }
  return "";
}

}  // namespace

TEST_CASE("every block is 16-byte aligned and blocks do not overlap") {
  GumboArena arena;
  std::vector<std::pair<unsigned char*, std::size_t>> blocks;
  for (std::size_t size : {0, 1, 3, 15, 16, 17, 31, 100, 1000, 5000, 16 * 1024, 16 * 1024 + 1, 70000}) {
    CAPTURE(size);
    auto* block = static_cast<unsigned char*>(arena.allocate(size));
    REQUIRE(block != nullptr);
    CHECK(is_aligned(block));
    std::memset(block, static_cast<int>(blocks.size()), size);
    blocks.emplace_back(block, size);
  }
  // Each block still holds its own fill byte: none was handed out twice.
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    for (std::size_t byte = 0; byte < blocks[i].second; ++byte) {
      REQUIRE(blocks[i].first[byte] == static_cast<unsigned char>(i));
    }
  }
  CHECK(arena.allocate(0) != arena.allocate(0));  // as malloc(0): distinct blocks
}

TEST_CASE("a block larger than a quarter chunk gets an allocation of its own") {
  GumboArena arena;
  arena.allocate(100);
  REQUIRE(arena.chunk_count() == 1);
  SUBCASE("just above the limit") {
    void* large = arena.allocate(GumboArena::large_block + 1);
    CHECK(is_aligned(large));
    std::memset(large, 1, GumboArena::large_block + 1);
  }
  SUBCASE("bigger than a chunk") {
    void* large = arena.allocate(3 * GumboArena::chunk_size);
    CHECK(is_aligned(large));
    std::memset(large, 1, 3 * GumboArena::chunk_size);
  }
  CHECK(arena.large_block_count() == 1);
  CHECK(arena.chunk_count() == 1);  // the chunk being filled was not abandoned
  CHECK(arena.allocate(16) != nullptr);
  CHECK(arena.chunk_count() == 1);
}

TEST_CASE("blocks that do not fit the current chunk start a new one") {
  GumboArena arena;
  for (int i = 0; i < 5; ++i) arena.allocate(GumboArena::large_block);  // four per chunk
  CHECK(arena.chunk_count() == 2);
  CHECK(arena.bytes_used() == 5 * GumboArena::large_block);
}

TEST_CASE("reset hands the chunks back for reuse and frees large blocks") {
  // On a fresh thread: an empty pool, whatever other tests left in this one's.
  std::thread([] {
    GumboArena arena;
    void* first = arena.allocate(64);
    arena.allocate(GumboArena::chunk_size);
    arena.reset();
    CHECK(arena.bytes_used() == 0);
    CHECK(arena.chunk_count() == 0);
    CHECK(arena.large_block_count() == 0);
    CHECK(GumboArena::pooled_chunks_on_this_thread() == 1);
    // The same chunk comes back from the pool, so the same first block.
    CHECK(arena.allocate(64) == first);
    CHECK(GumboArena::pooled_chunks_on_this_thread() == 0);
  }).join();
}

TEST_CASE("a thread's pool keeps at most its cap of chunks") {
  std::thread([] {
    {
      GumboArena huge;
      for (std::size_t i = 0; i < 4 * 3 * GumboArena::pooled_chunks_per_thread; ++i) {
        huge.allocate(GumboArena::large_block);  // four to a chunk
      }
      CHECK(huge.chunk_count() == 3 * GumboArena::pooled_chunks_per_thread);
    }
    CHECK(GumboArena::pooled_chunks_on_this_thread() == GumboArena::pooled_chunks_per_thread);
  }).join();
}

TEST_CASE("gumbo parses into an arena installed in its options") {
  GumboArena arena;
  GumboOptions options = kGumboDefaultOptions;
  arena.install_in(options);
  const std::string html = page_with_marker(7);
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  CHECK(arena.bytes_used() > 0);
  PreorderWalk walk(output->document);
  std::size_t items = 0;
  while (const GumboNode* node = walk.next()) items += has_tag_name(node, "li") ? 1 : 0;
  CHECK(items == 200);
  arena.reset();  // instead of gumbo_destroy_output: the deallocator does nothing
}

TEST_CASE("many documents alive at once on one thread keep their own trees") {
  std::vector<Document> docs;
  for (int n = 0; n < 40; ++n) docs.push_back(Document::parse(page_with_marker(n)));
  // Dropping some in the middle recycles their chunks into the documents parsed next.
  for (int n = 0; n < 40; n += 3) docs[static_cast<std::size_t>(n)] = Document::parse(page_with_marker(100 + n));
  for (int n = 0; n < 40; ++n) {
    CAPTURE(n);
    CHECK(marker_text(docs[static_cast<std::size_t>(n)]) == "marker " + std::to_string(n % 3 == 0 ? 100 + n : n));
  }
}

TEST_CASE("a document parsed on one thread can be read and destroyed on another") {
  std::vector<Document> parsed_elsewhere;
  std::thread parser([&] {
    for (int n = 0; n < 10; ++n) parsed_elsewhere.push_back(Document::parse(page_with_marker(n)));
  });
  parser.join();  // the parsing thread and its pool are gone; the trees are not
  for (int n = 0; n < 10; ++n) CHECK(marker_text(parsed_elsewhere[static_cast<std::size_t>(n)]) == "marker " + std::to_string(n));

  std::optional<Document> local = Document::parse(page_with_marker(99));
  std::thread destroyer([&] {
    CHECK(marker_text(*local) == "marker 99");
    local.reset();  // its chunks go to this thread's pool
    parsed_elsewhere.clear();
  });
  destroyer.join();
  CHECK(marker_text(Document::parse(page_with_marker(5))) == "marker 5");
}

TEST_CASE("a document destroyed after its thread's pool, at thread exit, frees its chunks") {
  std::thread worker([] {
    // Constructed before the pool, so destroyed after it (thread_locals die
    // in reverse order): the arena must not touch the dead pool.
    thread_local std::optional<Document> kept;
    kept = Document::parse(page_with_marker(1));
    CHECK(marker_text(*kept) == "marker 1");
  });
  worker.join();  // under ASan/LSan, a leak or a use of the dead pool fails here
}
