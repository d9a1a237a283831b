// What other features may use of the reports (docs/architecture.md §2, rule 4): the office
// lists as tables, written as `.xlsx` or CSV.
export { villageHouseholdsTable, villagePeopleTable } from './villageLists';
export {
  downloadBlob,
  downloadXlsx,
  type ReportCell,
  type ReportTable,
  tableCsv,
  xlsxBlob,
  xlsxSheet,
} from './xlsx';
