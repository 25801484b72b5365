// Decimal text of 128-bit wei amounts (for reports and the differential test's state dumps).
#include "wei.hpp"

#include <algorithm>

namespace automator::sim {

std::string to_dec(wei v) {
  if (v == 0) return "0";
  std::string out;
  while (v > 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace automator::sim
