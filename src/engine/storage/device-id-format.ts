/** What a device id looks like, and where it is kept besides localStorage: shared by device-id.ts and its keeper. */

export const DEVICE_ID_PATTERN = /^[0-9A-F]{16}$/;

/** Where the id is kept besides localStorage: IndexedDB's `meta` store (device-id-keeper.ts). */
export interface DeviceIdKeeper {
  /**
   * The id kept, if any, or else `candidate`, kept from now on; `replace`: `candidate` is kept whatever was.
   * One transaction: of two tabs of a first visit asking at once, the second gets the first's id.
   */
  keep(candidate: string, replace: boolean): Promise<string>;
}
