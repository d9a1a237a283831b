// Placeholder: replaced by the welfare screens under construction.
export default function CasePage() {
  return null;
}
