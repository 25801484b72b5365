// The scheduler's deadline heap: pops in due order, removes entries in bulk.
#include <doctest/doctest.h>

#include <random>

#include "actors/deadline_heap.hpp"

using automator::deadline_entry;
using automator::deadline_heap;

TEST_CASE("deadline heap pops entries in due order") {
  deadline_heap heap;
  std::mt19937_64 rng(7);
  for (uint64_t i = 0; i < 1000; ++i)
    heap.push({int64_t(rng() % 100000), i, 0, 0, deadline_entry::cursor});
  CHECK(heap.size() == 1000);
  int64_t last = INT64_MIN;
  while (!heap.empty()) {
    auto e = heap.pop();
    CHECK(e.due_ms >= last);
    last = e.due_ms;
  }
}

TEST_CASE("deadline heap remove_if keeps the heap order of the rest") {
  deadline_heap heap;
  for (int i = 0; i < 100; ++i)
    heap.push({100 - i, uint64_t(i), 0, 0,
               i % 2 ? deadline_entry::backup : deadline_entry::cursor});
  heap.remove_if([](const deadline_entry& e) { return e.kind == deadline_entry::cursor; });
  CHECK(heap.size() == 50);
  int64_t last = INT64_MIN;
  while (!heap.empty()) {
    auto e = heap.pop();
    CHECK(e.kind == deadline_entry::backup);
    CHECK(e.due_ms >= last);
    last = e.due_ms;
  }
}

TEST_CASE("a deadline entry stays small") {
  CHECK(sizeof(deadline_entry) <= 24);
}
