import { useEffect } from 'react'
import { useTheme } from '../store/theme.ts'

/** Paints the page in the theme in force: `data-theme` on <html> switches the CSS custom properties. */
export function useThemeAttribute(): void {
  const theme = useTheme((s) => s.resolved)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
