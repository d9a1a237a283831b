// Run by dates.test.ts in a Node process started with TZ set: prints what it reads.
import { cellDateToIsoDate, excelSerialToIsoDate } from '../../../src/shared/import/dates';

const localMidnight = new Date(1967, 9, 1);
process.stdout.write(
  JSON.stringify({
    offset: localMidnight.getTimezoneOffset(),
    serial: excelSerialToIsoDate(24746),
    localMidnight: cellDateToIsoDate(localMidnight),
  }),
);
