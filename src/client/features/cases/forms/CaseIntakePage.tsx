// Placeholder: replaced by the welfare screens under construction.
export default function CaseIntakePage() {
  return null;
}
