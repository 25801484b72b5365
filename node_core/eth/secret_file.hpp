// Reading files that hold secrets (a private key, a keystore, a keystore's password): the file
// must be readable by its owner only, as ssh and the proxy insist, so a key left world-readable
// on a shared machine is refused with the fix instead of being used.
#pragma once

#include <filesystem>
#include <string>

namespace automator::eth {

/// The whole content of `file` (at most 1 MiB). Throws eth::error naming `what` and the file
/// when it is missing, not a regular file, too large, unreadable, or when group or others may
/// read or write it ("... has mode 0644; it must be readable by its owner only (chmod 600 F)").
/// The mode is checked on the opened file, so a swap between check and read does not pass.
std::string read_owner_only(const std::filesystem::path& file, const std::string& what);

/// Overwrites a string that held a secret before it is released.
void wipe(std::string& s);

}  // namespace automator::eth
