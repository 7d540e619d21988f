import { isAlive } from "../../support/companion.js";

/** The target was spawned as a group leader: neither it nor anything in its group may remain. */
export const processAndGroupGone = (pid: number): boolean => !isAlive(pid) && !isAlive(-pid);
