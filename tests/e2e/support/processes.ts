/** Whether anything of a recorded target process is left. */

const exists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The target was spawned as a group leader: neither it nor anything in its group may remain. */
export const processAndGroupGone = (pid: number): boolean => !exists(pid) && !exists(-pid);
