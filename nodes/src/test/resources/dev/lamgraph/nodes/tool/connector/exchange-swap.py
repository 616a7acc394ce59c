# The attacker of FileToolAttackTest (see SwapAttacker): swaps two names with renameat2(RENAME_EXCHANGE) as fast as it
# can, so each name always exists (a directory and a symbolic link trade places atomically). Stops
# when the file named by argv[3] appears or after 20 s, always after an even number of swaps (the
# names end where they started), and prints how many swaps it made. Prints "ready" once it has
# swapped (the test starts its race then).
import ctypes, os, sys, time

libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, RENAME_EXCHANGE = -100, 2
a, b, stop = (os.fsencode(x) for x in sys.argv[1:4])
deadline = time.monotonic() + 20
swaps = 0
while not os.path.exists(stop) and time.monotonic() < deadline:
    for _ in range(64):
        for _ in range(2):
            if libc.renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
                sys.exit("renameat2: " + os.strerror(ctypes.get_errno()))
        swaps += 2
        if swaps == 2:
            print("ready", flush=True)
print(swaps)
