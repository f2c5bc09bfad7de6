// Replaces pydata-sphinx-theme's Font Awesome script (1.5 MB), which redraws each <i> icon as
// an SVG: the theme's stylesheet already draws the same icons from Font Awesome's web fonts.
