// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title OperatorSetSchedule
/// @notice History of the AVS's active operator set: a list of (effectiveFrom, sorted operators)
/// entries in increasing time order. A change is scheduled for a future epoch boundary, so
/// every node learns of it before it matters and `at(t)` answers for any past or future time.
library OperatorSetSchedule {
    struct Entry {
        uint64 effectiveFrom;
        address[] operators; // ascending
    }

    struct History {
        Entry[] entries;
    }

    /// @notice Index of the entry in effect at `timestamp`, and whether there is one.
    function indexAt(History storage self, uint256 timestamp) internal view returns (bool found, uint256 index) {
        uint256 lo = 0;
        uint256 hi = self.entries.length;
        // First entry with effectiveFrom > timestamp; the one before it is in effect.
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            if (self.entries[mid].effectiveFrom > timestamp) hi = mid;
            else lo = mid + 1;
        }
        if (lo == 0) return (false, 0);
        return (true, lo - 1);
    }

    /// @notice Time range [from, to) in which entry `index` is in effect.
    function rangeOf(History storage self, uint256 index) internal view returns (uint256 from, uint256 to) {
        from = self.entries[index].effectiveFrom;
        to = index + 1 < self.entries.length ? self.entries[index + 1].effectiveFrom : type(uint256).max;
    }

    /// @notice Size of entry `index` and the position of `operator` in it (binary search).
    function find(History storage self, uint256 index, address operator)
        internal
        view
        returns (uint256 n, bool found, uint256 position)
    {
        address[] storage ops = self.entries[index].operators;
        n = ops.length;
        uint256 lo = 0;
        uint256 hi = n;
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            address at_ = ops[mid];
            if (at_ == operator) return (n, true, mid);
            if (at_ < operator) lo = mid + 1;
            else hi = mid;
        }
        return (n, false, 0);
    }

    /// @notice The set in effect at `timestamp` (empty before the first entry).
    function at(History storage self, uint256 timestamp) internal view returns (address[] memory) {
        (bool found, uint256 index) = indexAt(self, timestamp);
        if (!found) return new address[](0);
        return self.entries[index].operators;
    }

    /// @notice The most recently scheduled set, the base for the next change.
    function latest(History storage self) internal view returns (address[] memory) {
        uint256 len = self.entries.length;
        if (len == 0) return new address[](0);
        return self.entries[len - 1].operators;
    }

    /// @notice Schedules `operators` from the first epoch boundary at least `delay` seconds after
    /// `nowTs`; a change in the same pending epoch replaces the pending entry. Returns the time
    /// it takes effect.
    function schedule(History storage self, address[] memory operators, uint256 nowTs, uint256 delay, uint256 epoch)
        internal
        returns (uint64 effectiveFrom)
    {
        uint256 boundary = ((nowTs + delay + epoch - 1) / epoch) * epoch;
        uint256 len = self.entries.length;
        if (len != 0 && self.entries[len - 1].effectiveFrom >= boundary) {
            Entry storage pending = self.entries[len - 1];
            pending.operators = operators;
            return pending.effectiveFrom;
        }
        Entry storage entry = self.entries.push();
        entry.effectiveFrom = uint64(boundary);
        entry.operators = operators;
        return uint64(boundary);
    }

    /// @notice `set` with `operator` inserted in order; unchanged (and `false`) if present.
    function inserted(address[] memory set, address operator)
        internal
        pure
        returns (bool changed, address[] memory out)
    {
        uint256 n = set.length;
        uint256 pos = 0;
        while (pos < n && set[pos] < operator) pos++;
        if (pos < n && set[pos] == operator) return (false, set);
        out = new address[](n + 1);
        for (uint256 i = 0; i < pos; i++) {
            out[i] = set[i];
        }
        out[pos] = operator;
        for (uint256 i = pos; i < n; i++) {
            out[i + 1] = set[i];
        }
        return (true, out);
    }

    /// @notice `set` without `operator`; unchanged (and `false`) if absent.
    function removed(address[] memory set, address operator)
        internal
        pure
        returns (bool changed, address[] memory out)
    {
        uint256 n = set.length;
        uint256 pos = 0;
        while (pos < n && set[pos] != operator) pos++;
        if (pos == n) return (false, set);
        out = new address[](n - 1);
        for (uint256 i = 0; i < pos; i++) {
            out[i] = set[i];
        }
        for (uint256 i = pos + 1; i < n; i++) {
            out[i - 1] = set[i];
        }
        return (true, out);
    }
}
