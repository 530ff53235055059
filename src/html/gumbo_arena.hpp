// GumboArena: a bump allocator for gumbo's allocator hooks, so that a parsed
// tree is freed in one step instead of one free() per node, attribute and
// string. Document gives each parse its own arena (see document.cpp).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <vector>

namespace gleaner::html {

class GumboArena {
 public:
  // Every block is aligned to this, as malloc's are on x86-64 and aarch64.
  static constexpr std::size_t alignment = 16;
  // Ordinary blocks are carved out of chunks of this size, which are recycled
  // through a per-thread pool; a block larger than a quarter chunk gets an
  // allocation of its own, freed (never pooled) when the arena lets go.
  static constexpr std::size_t chunk_size = 64 * 1024;
  static constexpr std::size_t large_block = chunk_size / 4;
  // What a thread's pool keeps for the next arena: enough for the tree of a
  // few ordinary pages, so that one huge page does not pin its memory in a
  // worker thread for the rest of the crawl.
  static constexpr std::size_t pooled_chunks_per_thread = 32;

  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  // May run on another thread than the allocations: the chunks go to the
  // pool of the thread that destroys the arena.
  ~GumboArena();

  // Never returns nullptr (throws std::bad_alloc); a 0-byte request still
  // gets a distinct block, as malloc(0) may.
  void* allocate(std::size_t size);

  // Invalidates every block allocated so far and returns the chunks to this
  // thread's pool, from which the next allocations take them again.
  void reset();

  // Points options' allocator hooks at this arena. Blocks are never freed one
  // by one: the deallocator does nothing, so gumbo_destroy_output() is only a
  // tree walk that can be skipped; the arena's lifetime is the tree's.
  void install_in(GumboOptions& options);

  // Bytes handed out since construction or the last reset(), padding included.
  std::size_t bytes_used() const { return bytes_used_; }
  // Chunks held (not counting large blocks), and large blocks held.
  std::size_t chunk_count() const { return chunks_.size(); }
  std::size_t large_block_count() const { return large_blocks_.size(); }
  // Free chunks the calling thread's pool holds for the next arenas.
  static std::size_t pooled_chunks_on_this_thread();

 private:
  void* allocate_large(std::size_t size);
  void start_chunk();
  void release_all();

  std::vector<std::byte*> chunks_;        // each chunk_size bytes; the last one is being filled
  std::vector<std::byte*> large_blocks_;  // each its own operator new
  std::size_t offset_ = chunk_size;       // into chunks_.back(); chunk_size: none yet, or full
  std::size_t bytes_used_ = 0;
};

}  // namespace gleaner::html
