import { defineMessages, type KeysOf } from "../lib/i18n";

// Messages of the list controls: pager with page N of M, sortable column headers, CSV export, saved views.
export const listMessages = defineMessages({
  en: {
    "list.first": "First",
    "list.previous": "Previous",
    "list.next": "Next",
    "list.last": "Last",
    "list.pageOf": "Page {page} of {pages}",
    "list.pageSize": "Rows per page",
    "list.sortBy": "Sort by {column}",
    "list.sortedAsc": "sorted ascending",
    "list.sortedDesc": "sorted descending",
    "list.export": "Export CSV",
    "list.exporting": "Exporting… {done} of {total} rows",
    "list.exported": "Exported {done} rows.",
    "list.exportFailed": "The export failed: {message}",
    "list.views": "Saved views",
    "list.views.choose": "Open a saved view",
    "list.views.none": "No saved views",
    "list.views.name": "Name of this view",
    "list.views.save": "Save view",
    "list.views.delete": "Delete view",
    "list.views.saved": "Saved “{name}”.",
  },
  "pt-PT": {
    "list.first": "Primeira",
    "list.previous": "Anterior",
    "list.next": "Seguinte",
    "list.last": "Última",
    "list.pageOf": "Página {page} de {pages}",
    "list.pageSize": "Linhas por página",
    "list.sortBy": "Ordenar por {column}",
    "list.sortedAsc": "ordem crescente",
    "list.sortedDesc": "ordem decrescente",
    "list.export": "Exportar CSV",
    "list.exporting": "A exportar… {done} de {total} linhas",
    "list.exported": "{done} linhas exportadas.",
    "list.exportFailed": "A exportação falhou: {message}",
    "list.views": "Vistas guardadas",
    "list.views.choose": "Abrir uma vista guardada",
    "list.views.none": "Sem vistas guardadas",
    "list.views.name": "Nome desta vista",
    "list.views.save": "Guardar vista",
    "list.views.delete": "Eliminar vista",
    "list.views.saved": "“{name}” guardada.",
  },
});

declare module "../lib/i18n" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this file's keys to the catalog.
  interface MessageCatalog extends KeysOf<typeof listMessages> {}
}
