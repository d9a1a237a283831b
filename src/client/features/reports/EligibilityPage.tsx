// Placeholder: replaced by the welfare screens under construction.
export default function EligibilityPage() {
  return null;
}
