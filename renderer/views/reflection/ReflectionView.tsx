/** The Reflection view (being built). */
export function ReflectionView() {
  return <p className="centered muted">Reflection</p>;
}
