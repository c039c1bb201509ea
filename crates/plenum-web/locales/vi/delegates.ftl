# delegates
